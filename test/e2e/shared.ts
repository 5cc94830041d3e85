/** The examples built once by test/e2e/examples.ts, waited for. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The `out/` folder of the examples, once they are built (the build starts before the tests do); with `html`, as soon as their HTML is. */
export async function examples(what: 'html' | 'all' = 'all'): Promise<string> {
  const dir = inject('examples');
  for (let waited = 0; waited < 300_000; waited += 100) {
    if (existsSync(join(dir, what === 'html' ? 'html-ready' : 'ready'))) return join(dir, 'out');
    if (existsSync(join(dir, 'failed'))) throw new Error(`building the examples failed:\n${readFileSync(join(dir, 'failed'), 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the examples were not built within 5 minutes');
}
