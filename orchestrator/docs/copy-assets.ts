import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The site's own stylesheet and page scripts. */
const SITE_ASSETS = join(import.meta.dirname, 'assets');

/** Prebuilt browser files of the charting and graph libraries, with their licences: nothing is fetched from a CDN. */
const VENDOR: { pkg: string; files: string[] }[] = [
  { pkg: 'chart.js', files: ['dist/chart.umd.min.js', 'dist/chart.umd.min.js.map', 'LICENSE.md'] },
  { pkg: 'cytoscape', files: ['dist/cytoscape.min.js', 'LICENSE'] },
  { pkg: 'cytoscape-dagre', files: ['dist/cytoscape-dagre.min.js', 'dist/cytoscape-dagre.min.js.map', 'LICENSE'] },
];

/** The installed package's folder; its `exports` hide package.json, so walk up from its entry point. */
export function packageDir(pkg: string): string {
  const entry = require.resolve(pkg);
  const marker = `/node_modules/${pkg}/`;
  const at = entry.replace(/\\/g, '/').lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot locate the ${pkg} package from ${entry}`);
  return entry.slice(0, at + marker.length - 1);
}

/** Copies the vendor libraries to assets/vendor/ and the site's CSS and scripts to assets/. */
export function copyAssets(siteDir: string): string[] {
  const copied: string[] = [];
  const vendorDir = join(siteDir, 'assets', 'vendor');
  mkdirSync(vendorDir, { recursive: true });
  for (const { pkg, files } of VENDOR) {
    const dir = packageDir(pkg);
    for (const file of files) {
      const from = join(dir, file);
      if (!existsSync(from)) throw new Error(`${pkg} is installed without ${file} (${from}): run \`npm ci\``);
      const name = file.startsWith('LICENSE') ? `${pkg}.${file}` : file.split('/').pop()!;
      copyFileSync(from, join(vendorDir, name));
      copied.push(`assets/vendor/${name}`);
    }
  }
  for (const name of readdirSync(SITE_ASSETS)) {
    copyFileSync(join(SITE_ASSETS, name), join(siteDir, 'assets', name));
    copied.push(`assets/${name}`);
  }
  return copied;
}
