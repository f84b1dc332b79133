/**
 * The world finds a cluster's relatives through an index of backup lineages (issue 13), so the index must
 * follow every way a lineage changes: described, set by update() or relatedTo(), changed again, and reset.
 */
import { CloudHsmClusterInUseException, CreateCustomKeyStoreCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { createKmsFake } from '../../src/index.js';
import { cloudHsmInput, clusterId } from '../support/inputs.js';

describe('a cluster counts as in use by a store on a cluster of its backup lineage', () => {
  it('when described so, when related later, and no longer once its lineage changes or the fake is reset', async () => {
    const [seeded, sibling, later] = [clusterId(), clusterId(), clusterId()];
    const fake = createKmsFake({
      clusters: [
        { clusterId: seeded, backupLineage: 'lineage-a' },
        { clusterId: sibling, backupLineage: 'lineage-a' },
      ],
    });
    const kms = fake.client();
    const create = (cluster: string) =>
      kms.send(new CreateCustomKeyStoreCommand(cloudHsmInput({ CloudHsmClusterId: cluster })));
    await create(seeded);

    await expect(create(sibling)).rejects.toBeInstanceOf(CloudHsmClusterInUseException);
    fake.world.cluster(later).relatedTo(sibling);
    await expect(create(later)).rejects.toBeInstanceOf(CloudHsmClusterInUseException);
    fake.world.cluster(later).update({ backupLineage: 'lineage-b' });
    await expect(create(later)).resolves.toMatchObject({ CustomKeyStoreId: expect.any(String) });

    fake.reset();
    await create(sibling);
    await expect(create(seeded)).rejects.toBeInstanceOf(CloudHsmClusterInUseException);
    await expect(create(later)).resolves.toMatchObject({ CustomKeyStoreId: expect.any(String) });
  });
});
