import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './config-trust-proxy.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Absent: the server runs on the embedded PostgreSQL under HEARTH_DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** 32 random bytes as 64 hex characters; wraps every user's data key. */
  HEARTH_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'HEARTH_MASTER_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  /**
   * While rotating the master key: the master keys it replaces, comma-separated. User keys they
   * wrapped still open, and the server rewraps them all under HEARTH_MASTER_KEY.
   */
  HEARTH_PREVIOUS_MASTER_KEYS: z
    .string()
    .regex(
      /^\s*([0-9a-fA-F]{64}\s*(,\s*[0-9a-fA-F]{64}\s*)*)?$/,
      'HEARTH_PREVIOUS_MASTER_KEYS must be 64-hex-character keys separated by commas',
    )
    .default(''),
  BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  HEARTH_ADMIN_EMAILS: z.string().default(''),
  HEARTH_DATA_DIR: z.string().min(1).default('./.hearth-data'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * Behind a reverse proxy: the proxies' addresses/CIDRs, or their number, whose X-Forwarded-For
   * names the client (rate limits, the share access log). Never `true` (config-trust-proxy.ts).
   */
  HEARTH_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((raw, ctx) => {
      const parsed = parseTrustProxy(raw);
      if (typeof parsed === 'object' && !Array.isArray(parsed)) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    }),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Undefined only when the embedded database will generate and persist one. */
  masterKey: Buffer | undefined;
  /** Master keys being rotated away from (empty when no rotation is under way). */
  previousMasterKeys: Buffer[];
  /** Public origin without a trailing slash, e.g. `https://hearth.example.org`. */
  baseUrl: string;
  /** Lower-cased; users registering with one of these are admins. */
  adminEmails: ReadonlySet<string>;
  dataDir: string;
  logLevel: LogLevel;
  /** Cookies get `Secure` when the public origin is https. */
  secureCookies: boolean;
  /** Fastify's `trustProxy`: false, a hop count, or the proxies' addresses and ranges. */
  trustProxy: TrustProxy;
}

/**
 * Reads and validates the environment once at start-up. Nothing else in the server reads
 * `process.env`: everything flows from the returned object.
 */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    masterKey: e.HEARTH_MASTER_KEY ? Buffer.from(e.HEARTH_MASTER_KEY, 'hex') : undefined,
    previousMasterKeys: e.HEARTH_PREVIOUS_MASTER_KEYS.split(',')
      .map((hex) => hex.trim())
      .filter(Boolean)
      .map((hex) => Buffer.from(hex, 'hex')),
    baseUrl,
    adminEmails: new Set(
      e.HEARTH_ADMIN_EMAILS.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
    dataDir: e.HEARTH_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    secureCookies: baseUrl.startsWith('https://'),
    trustProxy: e.HEARTH_TRUST_PROXY,
  };
}
