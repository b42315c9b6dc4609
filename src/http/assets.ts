import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';

/**
 * The few static files the box serves (htmx from node_modules, our CSS and JS),
 * read into memory once. Each URL carries a hash of the content, so browsers may
 * cache it for a year and still get a new file after an upgrade.
 */
export interface Assets {
  /** The versioned URL of an asset, e.g. `url('app.css')` → `/assets/1a2b3c4d/app.css`. */
  url(name: string): string;
  middleware(): Koa.Middleware;
}

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly hash: string;
}

export function loadAssets(packageRoot: string): Assets {
  const sources: Record<string, string> = {
    'htmx.min.js': path.join(packageRoot, 'node_modules/htmx.org/dist/htmx.min.js'),
    'app.css': path.join(packageRoot, 'views/static/app.css'),
    'app.js': path.join(packageRoot, 'views/static/app.js'),
  };
  const assets = new Map<string, Asset>();
  for (const [name, file] of Object.entries(sources)) {
    const body = fs.readFileSync(file);
    const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
    assets.set(name, {
      body,
      hash,
      type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    });
  }
  return {
    url(name) {
      const asset = assets.get(name);
      if (!asset) throw new Error(`Unknown asset ${name}`);
      return `/assets/${asset.hash}/${name}`;
    },
    middleware() {
      return async (ctx, next) => {
        const match = /^\/assets\/([0-9a-f]{12})\/([\w.-]+)$/.exec(ctx.path);
        if (!match || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
        const asset = assets.get(match[2]!);
        if (!asset || asset.hash !== match[1]) return next();
        ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
        ctx.type = asset.type;
        ctx.body = asset.body;
      };
    },
  };
}
