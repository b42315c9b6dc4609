/**
 * libp2p v3 calls `Promise.withResolvers`, which Node 20 lacks (it arrived in
 * Node 22). Import this module before anything from libp2p; it does nothing
 * where the runtime already has the method.
 */
// Typed loosely: TypeScript's ES2023 library does not know the method.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export {};
