import { readAccountSettings } from '../../utils/connection/account';
import { createConvoso, type Convoso } from '../../utils/core/gateway/convoso';

/** The background's way to Convoso as the background wires it: on the connection saved in (fake) storage. */
export function testConvoso(): Convoso {
  return createConvoso(readAccountSettings);
}
