import type { Convoso } from '../../core/gateway/convoso';
import type { HostAccess } from '../../core/hosts/host-access';
import { route, type Route } from '../../core/messaging/router';
import { saveConnection, settingsStatus, testConnection } from '../connection-messages';
import { createSaveConnectionHandler } from './save-connection';
import { settingsStatus as answerSettingsStatus } from './settings-status';
import { createTestConnectionHandler } from './test-connection';

/** The connection feature's messages, answered in the background. `hosts`: access given back when the API address moves. */
export function connectionRoutes(convoso: Convoso, hosts: HostAccess): Route[] {
  return [
    route(settingsStatus, answerSettingsStatus),
    route(testConnection, createTestConnectionHandler(convoso)),
    route(saveConnection, createSaveConnectionHandler(convoso, hosts)),
  ];
}
