import { DEFAULT_TIMEOUT_MS } from '../core/api/client';
import { DEFAULT_LIMIT } from '../core/api/vocabulary';
import { defineSetting } from '../core/storage/setting';
import {
  BaseUrlSchema,
  DEFAULT_BASE_URL,
  MethodSchema,
  PageSizeSchema,
  TokenSchema,
  TimeoutSchema,
  TimeZoneSchema,
  TokenStorageSchema,
  UserIdSchema,
} from './schemas';
import { STORAGE_KEYS } from '../core/storage/storage-keys';

// Only the background and the options page import the token settings.

export const tokenStorageSetting = defineSetting(STORAGE_KEYS.tokenStorage, 'Where the token is kept', TokenStorageSchema, 'local');
export const localTokenSetting = defineSetting(STORAGE_KEYS.localToken, 'The API token', TokenSchema, '');
/** storage.session is kept in memory and cleared when the browser closes. */
export const sessionTokenSetting = defineSetting(STORAGE_KEYS.sessionToken, 'The API token', TokenSchema, '');
export const baseUrlSetting = defineSetting(STORAGE_KEYS.apiBaseUrl, 'The API base URL', BaseUrlSchema, DEFAULT_BASE_URL);
export const methodSetting = defineSetting(STORAGE_KEYS.requestMethod, 'The request method', MethodSchema, 'GET');
export const pageSizeSetting = defineSetting(STORAGE_KEYS.pageSize, 'The default page size', PageSizeSchema, DEFAULT_LIMIT);
export const userIdSetting = defineSetting(STORAGE_KEYS.userId, 'Your Convoso user ID', UserIdSchema, '');
export const timeoutSetting = defineSetting(STORAGE_KEYS.requestTimeoutMs, 'The request timeout', TimeoutSchema, DEFAULT_TIMEOUT_MS);
/** The Convoso account's time zone; '' follows the browser's. */
export const timeZoneSetting = defineSetting(STORAGE_KEYS.timeZone, 'The account time zone', TimeZoneSchema, '');
