import type http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { HttpsConfig } from '../config.js';
import type { CertificateKeeper } from './certificate.js';
import { type StoredCertificate, validFor } from './certificate-store.js';

/** A year: what browsers expect of HSTS, sent only once the box has shown it can renew its certificate. */
const HSTS = 'max-age=31536000';

/**
 * Serving the app over HTTPS once the box has a certificate: the HTTPS server takes each renewed certificate from the
 * next connection on, without a restart, and the plain port sends browsers there. `/healthz` still answers on the
 * plain port, so monitors and the provisioning script on the box need no name.
 */
export interface HttpsServing {
  /** The plain port's handler: a redirect to the same page over HTTPS once a valid certificate is in place. */
  plainListener(app: http.RequestListener): http.RequestListener;
  /**
   * Starts HTTPS now if the box has a certificate, else when it gets one. `onClientError` answers what Node refuses
   * before the app sees it (a broken request line, headers too large), as on the plain port.
   */
  start(
    app: http.RequestListener,
    onError: (error: Error) => void,
    onClientError: (error: Error, socket: Duplex) => void,
  ): Promise<void>;
  /** Serves a new certificate (the keeper's `onCertificate`). */
  certificateChanged(certificate: StoredCertificate): void;
  /** The HTTPS address, once it is listening. */
  url(): string | null;
  stop(): Promise<void>;
}

/** `https://box.planetdiss.org`, with the port when it is not 443. */
export function httpsOrigin(config: HttpsConfig): string {
  return `https://${config.name}${config.port === 443 ? '' : `:${config.port}`}`;
}

/** `host` is the address the box listens on (`MARKETCROSS_HOST`), for HTTPS as for plain HTTP. */
export function createHttpsServing(
  config: HttpsConfig,
  host: string,
  keeper: Pick<CertificateKeeper, 'current' | 'renewedOnce'>,
): HttpsServing {
  let server: https.Server | null = null;
  let listening: Promise<void> | null = null;
  let app: http.RequestListener | null = null;
  let reportError: (error: Error) => void = () => {};
  let answerClientError: (error: Error, socket: Duplex) => void = (_error, socket) => socket.destroy();
  const origin = httpsOrigin(config);

  const listen = (certificate: StoredCertificate): Promise<void> => {
    const secureApp: http.RequestListener = (request, response) => {
      if (keeper.renewedOnce()) response.setHeader('Strict-Transport-Security', HSTS);
      app!(request, response);
    };
    server = https.createServer({ key: certificate.key, cert: certificate.cert }, secureApp);
    server.on('clientError', answerClientError);
    listening = new Promise((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.port, host, () => {
        server!.off('error', reject);
        server!.on('error', reportError);
        resolve();
      });
    });
    return listening;
  };
  return {
    plainListener: (plain) => (request, response) => {
      // A certificate for an old name, or one that has ended, would lock people out behind a warning.
      if (!validFor(keeper.current(), config.name, new Date()) || request.url === '/healthz') {
        plain(request, response);
        return;
      }
      // 308 keeps a form's POST a POST; the path is the request's own, the name the box's, never the Host sent.
      response.writeHead(308, { Location: `${origin}${request.url ?? '/'}`, 'Cache-Control': 'no-store' });
      response.end();
    },
    async start(listener, onError, onClientError) {
      app = listener;
      reportError = onError;
      answerClientError = onClientError;
      const certificate = keeper.current();
      if (certificate) await listen(certificate);
    },
    certificateChanged(certificate) {
      if (!app) return; // not started yet: `start` serves it
      if (server) server.setSecureContext({ key: certificate.key, cert: certificate.cert });
      else void listen(certificate).catch(reportError);
    },
    url: () => (server?.listening ? origin : null),
    async stop() {
      await listening?.catch(() => {});
      if (!server) return;
      const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
      server.closeAllConnections();
      await closing;
      server = null;
    },
  };
}
