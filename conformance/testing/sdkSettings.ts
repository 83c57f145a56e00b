// Ready settings for the two official Node SDKs (reference §5), as plain data: the kit depends on neither SDK, so
// these are structural types that the SDKs' own constructors accept.
import { Agent as HttpsAgent } from 'node:https';
import { API_VERSION } from '../../generated/actions.ts';
import type { Credentials } from '../signing/Credentials.ts';

/** Both SDKs default to `https://`; the emulator speaks plain HTTP unless started with TLS. */
function protocolOf(ca: string | undefined): 'http://' | 'https://' {
  return ca === undefined ? 'http://' : 'https://';
}
/** The intl-en SDK's own defaults (its HttpProfile constructor), restated because its Client takes the object as is. */
const INTL_REQUEST_TIMEOUT_SECONDS = 60;

/** For `new CommonClient(endpoint, version, config)` of tencentcloud-sdk-nodejs-common (TC3 over POST, its default). */
export interface CommonClientSettings {
  endpoint: string;
  version: string;
  config: {
    credential: Credentials;
    region: string;
    profile: {
      httpProfile: {
        protocol: string;
        endpoint: string;
        /** Over HTTPS: an agent trusting only the emulator's certificate (the SDK passes it to node-fetch). */
        agent?: HttpsAgent;
      };
    };
  };
}

/**
 * For `new batch.v20170312.Client(credential, region, profile)` of tencentcloud-sdk-nodejs-intl-en. Its constructor
 * fills in no defaults for a plain object, so every profile field it reads is set: v1 HmacSHA256 over a form POST,
 * the SDK's default (change `signMethod` to 'TC3-HMAC-SHA256' or 'HmacSHA1', `reqMethod` to 'GET' for the others).
 */
export interface IntlClientSettings {
  credential: Credentials;
  region: string;
  profile: {
    signMethod: 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1';
    httpProfile: {
      reqMethod: 'POST' | 'GET';
      endpoint: string;
      protocol: string;
      reqTimeout: number;
      headers: Record<string, string>;
    };
  };
}

/** `ca`: the emulator's certificate when it listens with TLS (PEM). */
export function commonClientSettings(
  endpoint: string,
  credentials: Credentials,
  region: string,
  ca?: string,
): CommonClientSettings {
  const protocol = protocolOf(ca);
  const httpProfile = ca === undefined ? { protocol, endpoint } : { protocol, endpoint, agent: new HttpsAgent({ ca }) };
  return {
    endpoint,
    version: API_VERSION,
    config: { credential: { ...credentials }, region, profile: { httpProfile } },
  };
}

/**
 * `ca`: the emulator's certificate when it listens with TLS. The intl-en SDK takes no agent (its requests go through
 * `https.globalAgent`), so these settings only name `https://`; the certificate is trusted through the global agent
 * (trustInGlobalAgent) or NODE_EXTRA_CA_CERTS.
 */
export function intlClientSettings(
  endpoint: string,
  credentials: Credentials,
  region: string,
  ca?: string,
): IntlClientSettings {
  return {
    credential: { ...credentials },
    region,
    profile: {
      signMethod: 'HmacSHA256',
      httpProfile: {
        reqMethod: 'POST',
        endpoint,
        protocol: protocolOf(ca),
        reqTimeout: INTL_REQUEST_TIMEOUT_SECONDS,
        headers: {},
      },
    },
  };
}
