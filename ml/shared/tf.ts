import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

export { tf };

let ready: Promise<string> | undefined;

/**
 * Picks the tfjs backend once: WebAssembly (the binary ships in @tensorflow/tfjs-backend-wasm),
 * else the plain JavaScript cpu backend, with a note on stderr saying so.
 */
export function initBackend(log: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<string> {
  ready ??= (async () => {
    try {
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return tf.getBackend();
      }
      log('note: the tfjs wasm backend did not initialise; training on the slower cpu backend');
    } catch (err) {
      log(`note: the tfjs wasm backend failed to load (${(err as Error).message}); training on the slower cpu backend`);
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return tf.getBackend();
  })();
  return ready;
}
