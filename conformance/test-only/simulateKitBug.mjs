// Test support, preloaded with `node --import`: makes the kit fail the way a bug would, so the tests can check that
// `tbc` exits 3 (internal error) and not 1. TBC_SIMULATED_BUG picks where: `command` rejects the command itself with a
// TypeError, `async` throws from a callback once a server of the command listens (outside any awaited promise).
import { Command } from 'commander';
import { Server } from 'node:http';

const where = process.env['TBC_SIMULATED_BUG'];
if (where === 'command') {
  Command.prototype.parseAsync = () => Promise.reject(new TypeError('simulated kit bug in a command'));
} else if (where === 'async') {
  // The throw comes once the server listens: by then the CLI has installed its handlers.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the server as `this`
  const listen = Server.prototype.listen;
  Server.prototype.listen = function (...args) {
    this.once('listening', () => {
      setImmediate(() => {
        throw new TypeError('simulated kit bug in a callback');
      });
    });
    return listen.apply(this, args);
  };
}
