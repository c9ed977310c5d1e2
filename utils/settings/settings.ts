import { DEFAULT_TIMEOUT_MS } from '../api/client';
import { DEFAULT_LIMIT } from '../api/vocabulary';
import { defineSetting } from './setting';
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

// Only the background and the options page import the token settings.

export const tokenStorageSetting = defineSetting('local:tokenStorage', 'Where the token is kept', TokenStorageSchema, 'local');
export const localTokenSetting = defineSetting('local:token', 'The API token', TokenSchema, '');
/** storage.session is kept in memory and cleared when the browser closes. */
export const sessionTokenSetting = defineSetting('session:token', 'The API token', TokenSchema, '');
export const baseUrlSetting = defineSetting('local:apiBaseUrl', 'The API base URL', BaseUrlSchema, DEFAULT_BASE_URL);
export const methodSetting = defineSetting('local:requestMethod', 'The request method', MethodSchema, 'GET');
export const pageSizeSetting = defineSetting('local:pageSize', 'The default page size', PageSizeSchema, DEFAULT_LIMIT);
export const userIdSetting = defineSetting('local:userId', 'Your Convoso user ID', UserIdSchema, '');
export const timeoutSetting = defineSetting('local:requestTimeoutMs', 'The request timeout', TimeoutSchema, DEFAULT_TIMEOUT_MS);
/** The Convoso account's time zone; '' follows the browser's. */
export const timeZoneSetting = defineSetting('local:timeZone', 'The account time zone', TimeZoneSchema, '');
