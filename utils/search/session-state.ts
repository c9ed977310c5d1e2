import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { FILTER_FIELDS, type FilterField } from '../core/api/vocabulary';
import { CALLBACK_RECIPIENTS, CALLBACK_STAGES, type Callback, type SearchPage } from '../core/api/model';
import type { Same } from '../core/storage/schema-matches';
import type { SearchForm } from './form-state';
import { SORT_KEYS, type SortKey } from './sort';
import type { ViewKind } from './views';

const VIEW_KINDS = ['due', 'upcoming', 'filters'] as const satisfies readonly ViewKind[];
import { STORAGE_KEYS } from '../core/storage/storage-keys';

// The popup forgets everything when it closes; the last search (its view, form,
// offset, order and the page on screen) lives in storage.session (memory only, gone with the browser session, readable only by
// extension pages) so reopening shows it at once. Whatever is read back is
// validated: an older build or a corrupted value is ignored, never trusted.

export const POPUP_STATE_KEY = STORAGE_KEYS.popupState;

const Text = v.pipe(v.string(), v.maxLength(100_000));
const FormText = v.pipe(v.string(), v.maxLength(500));

const FormSchema = v.strictObject({
  ...(Object.fromEntries(FILTER_FIELDS.map((f) => [f, FormText])) as Record<FilterField, typeof FormText>),
  limit: FormText,
});

const WallTimeSchema = v.nullable(v.strictObject({ local: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)) }));

const CallbackSchema = v.strictObject({
  id: Text,
  leadId: Text,
  listId: Text,
  campaignId: Text,
  userId: Text,
  stage: v.picklist(CALLBACK_STAGES),
  stageLabel: Text,
  recipient: v.picklist(CALLBACK_RECIPIENTS),
  recipientLabel: Text,
  callbackTime: WallTimeSchema,
  createdAt: WallTimeSchema,
  modifiedAt: WallTimeSchema,
  seenAt: WallTimeSchema,
  status: Text,
  statusName: Text,
  userName: Text,
  campaignName: Text,
  campaignType: Text,
  directoryName: Text,
  comments: Text,
  context: Text,
  raw: v.record(v.string(), v.unknown()),
});

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

const PageSchema = v.strictObject({
  offset: Count,
  limit: Count,
  total: Count,
  results: v.pipe(v.array(CallbackSchema), v.maxLength(5000)),
  totalAtLeast: v.optional(v.literal(true)),
});

// If model.ts changes Callback or SearchPage, these lines stop compiling until the schemas follow.
const callbackSchemaMatches: Same<v.InferOutput<typeof CallbackSchema>, Callback> = true;
const pageSchemaMatches: Same<v.InferOutput<typeof PageSchema>, SearchPage> = true;
void callbackSchemaMatches;
void pageSchemaMatches;

export const PopupStateSchema = v.strictObject({
  /** Which view was shown; a search by filters searched `form`. */
  view: v.picklist(VIEW_KINDS),
  form: FormSchema,
  offset: Count,
  sort: v.picklist(SORT_KEYS),
  /** The page last shown for exactly this view, offset and order, or null before any result. */
  page: v.nullable(PageSchema),
});

export interface PopupState {
  view: ViewKind;
  form: SearchForm;
  offset: number;
  sort: SortKey;
  page: SearchPage | null;
}

const item = storage.defineItem<unknown>(POPUP_STATE_KEY);

/** The saved state, or null when there is none or it does not validate. */
export async function readPopupState(): Promise<PopupState | null> {
  try {
    const parsed = v.safeParse(PopupStateSchema, await item.getValue());
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

export async function writePopupState(state: PopupState): Promise<void> {
  try {
    await item.setValue(state);
  } catch {
    // Quota or a closing popup: restoring is a convenience, never worth an error on screen.
  }
}

export async function clearPopupState(): Promise<void> {
  try {
    await item.removeValue();
  } catch {
    // As above.
  }
}
