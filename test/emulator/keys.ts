import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { EmulatedServiceAccountKey } from './yandex-emulator.ts';

export interface TestServiceAccountKey {
  /** The authorized key file's JSON, as `yc iam key create` writes it. */
  json: string;
  /** What the emulator needs to verify JWTs signed with it. */
  emulated: EmulatedServiceAccountKey;
}

/** A fresh RSA-2048 authorized key of a made-up service account (generated per test, never stored). */
export function generateServiceAccountKey(): TestServiceAccountKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = `aje${randomBytes(8).toString('hex')}`;
  const serviceAccountId = `ajs${randomBytes(8).toString('hex')}`;
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const json = JSON.stringify({
    id: keyId,
    service_account_id: serviceAccountId,
    created_at: new Date().toISOString(),
    key_algorithm: 'RSA_2048',
    public_key: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    private_key: `PLEASE DO NOT REMOVE THIS LINE! Yandex.Cloud SA Key ID <${keyId}>\n${pem}`,
  });
  return { json, emulated: { keyId, serviceAccountId, publicKey } };
}
