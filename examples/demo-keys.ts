/** The demo's key chapter: a KMS key in the CloudHSM store, through a disconnect and a reconnect. */
import {
  ConnectCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EncryptCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';

export async function keyChapter(kms: KMSClient, storeId: string): Promise<void> {
  const settle = () => kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }));
  const state = async (keyId: string) =>
    (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState;

  const { KeyMetadata } = await kms.send(
    new CreateKeyCommand({ CustomKeyStoreId: storeId, Origin: 'AWS_CLOUDHSM', Description: 'payroll data key' }),
  );
  const keyId = KeyMetadata?.KeyId as string;
  console.log(`\n== A KMS key in payments-hsm: ${KeyMetadata?.Arn} (${KeyMetadata?.KeyState})`);

  const plaintext = new TextEncoder().encode('November payroll');
  const context = { department: 'finance' };
  const { CiphertextBlob } = await kms.send(
    new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context }),
  );
  const opened = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context }));
  console.log(
    `encrypted ${plaintext.length} bytes into a ${CiphertextBlob?.length}-byte blob (AES-256-GCM); decrypted: "${new TextDecoder().decode(opened.Plaintext)}"`,
  );

  await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  await settle();
  await settle();
  console.log(`store disconnected: the key is ${await state(keyId)}`);
  try {
    await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext }));
  } catch (error) {
    console.log(`Encrypt is refused: ${(error as Error).name}: ${(error as Error).message}`);
  }
  await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
  await settle();
  await settle();
  console.log(`store reconnected: the key is ${await state(keyId)} again`);
}
