import { createLiveLikeDouble } from '../conformance/test-support/createLiveLikeDouble.ts';
import { serveImplementation } from '../conformance/http/serveImplementation.ts';
const double = createLiveLikeDouble({ credentials: [{ secretId: 'AKIDdemo', secretKey: 'demo-key' }], timeScale: 60 });
const l = await serveImplementation(double.implementation, 4455);
console.log('listening on', l.url);
process.on('SIGINT', () => { console.log(JSON.stringify({ created: double.createdJobIds, terminated: double.terminatedJobIds, foreign: double.foreignTerminations.length })); process.exit(0); });
