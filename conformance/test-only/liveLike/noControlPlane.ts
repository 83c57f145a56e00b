import { CONTROL_PREFIX } from '../../control/controlPlane.ts';
import { errorAnswer, type Behaviour } from './LiveRequest.ts';

/**
 * A live endpoint has no emulator control plane: `/_emulator/...` answers as an unknown API path does — HTTP 200 and
 * an `InvalidAction` envelope — and changes nothing.
 */
export function noControlPlane(): Behaviour {
  return (request, next) =>
    request.raw.url.startsWith(CONTROL_PREFIX) ? Promise.resolve(errorAnswer('InvalidAction')) : next();
}
