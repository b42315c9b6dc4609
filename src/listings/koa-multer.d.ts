// @koa/multer ships no types; this is the little of it the photo upload uses.
declare module '@koa/multer' {
  import type Koa from 'koa';
  interface Options {
    storage?: unknown;
    limits?: { fileSize?: number; files?: number; fields?: number; fieldSize?: number; parts?: number };
  }
  interface Instance {
    single(field: string): Koa.Middleware;
  }
  interface MulterFactory {
    (options?: Options): Instance;
    memoryStorage(): unknown;
  }
  const multer: MulterFactory;
  export default multer;
}
