import type { Convoso } from '../../core/gateway/convoso';
import { route, type Route } from '../../core/messaging/router';
import { settingsStatus, testConnection } from '../connection-messages';
import { settingsStatus as answerSettingsStatus } from './settings-status';
import { createTestConnectionHandler } from './test-connection';

/** The connection feature's messages, answered in the background. */
export function connectionRoutes(convoso: Convoso): Route[] {
  return [route(settingsStatus, answerSettingsStatus), route(testConnection, createTestConnectionHandler(convoso))];
}
