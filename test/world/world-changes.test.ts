import { describe, expect, it } from 'vitest';
import { isFakeKmsUsageError } from '../../src/errors/kms-error.js';
import { createWorld, KMSUSER_LOCKOUT_ATTEMPTS } from '../../src/world/index.js';
import {
  ANCHOR,
  CLUSTER,
  cloudHsmStore,
  ctx,
  ENDPOINT,
  OTHER_ANCHOR,
  PASSWORD,
  publicProxy,
  SERVICE,
  thrownCode,
  vpcProxy,
  xksStore,
} from './world-support.js';

const hsmStore = cloudHsmStore();
const outcome = (world: ReturnType<typeof createWorld>, store = hsmStore) => {
  const result = world.connectOutcome(ctx, store);
  return result.kind === 'connected' ? 'CONNECTED' : result.code;
};

function usageError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isFakeKmsUsageError(error)) return error.message;
    throw error;
  }
  throw new Error('expected a FakeKmsUsageError');
}

describe('changing the world during a test', () => {
  it('locking out kmsuser makes the next connect fail, and changing its password lifts the lock', () => {
    const world = createWorld();
    expect(outcome(world)).toBe('CONNECTED');
    world.cluster(CLUSTER).lockOutKmsUser();
    expect(outcome(world)).toBe('USER_LOCKED_OUT');
    world.cluster(CLUSTER).changeKmsUserPassword(PASSWORD);
    expect(outcome(world)).toBe('CONNECTED');
  });

  it('each cluster verb leads to its connection error code', () => {
    const cases: [string, (w: ReturnType<typeof createWorld>) => void][] = [
      ['CLUSTER_NOT_FOUND', (w) => w.cluster(CLUSTER).delete()],
      ['INSUFFICIENT_CLOUDHSM_HSMS', (w) => w.cluster(CLUSTER).removeAllHsms()],
      ['SUBNET_NOT_FOUND', (w) => w.cluster(CLUSTER).deleteSubnet()],
      ['INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET', (w) => w.cluster(CLUSTER).exhaustSubnet()],
      ['USER_NOT_FOUND', (w) => w.cluster(CLUSTER).removeKmsUser()],
      ['USER_LOGGED_IN', (w) => w.cluster(CLUSTER).logInKmsUser()],
      ['INVALID_CREDENTIALS', (w) => w.cluster(CLUSTER).changeKmsUserPassword('brand-New-Pswd')],
    ];
    for (const [code, change] of cases) {
      const world = createWorld();
      change(world);
      expect(outcome(world), code).toBe(code);
    }
  });

  it('logging kmsuser out again, or creating it again, lets the store connect', () => {
    const world = createWorld();
    world.cluster(CLUSTER).logInKmsUser().logOutKmsUser();
    expect(outcome(world)).toBe('CONNECTED');
    world.cluster(CLUSTER).removeKmsUser().createKmsUser();
    expect(outcome(world)).toBe('CONNECTED');
  });

  it('an HSM added in a second zone makes a one-HSM cluster good enough for Create', () => {
    const world = createWorld({ clusters: [{ clusterId: CLUSTER, hsms: [{ availabilityZone: 'us-east-1a' }] }] });
    const create = () => world.checkCloudHsmCreate(ctx, CLUSTER, ANCHOR, PASSWORD);
    expect(thrownCode(create)).toBe('CloudHsmClusterInvalidConfigurationException');
    world.cluster(CLUSTER).addHsm('us-east-1c');
    expect(thrownCode(create)).toBe('none');
    expect(
      world
        .cluster(CLUSTER)
        .describe()
        .hsms.map((h) => h.availabilityZone),
    ).toEqual(['us-east-1a', 'us-east-1c']);
  });

  it('a security group fixed again lets Connect through', () => {
    const world = createWorld();
    const connect = () => world.checkCloudHsmConnect(ctx, hsmStore);
    world.cluster(CLUSTER).breakSecurityGroup();
    expect(thrownCode(connect)).toBe('CloudHsmClusterInvalidConfigurationException');
    world.cluster(CLUSTER).update({ securityGroupValid: undefined });
    expect(thrownCode(connect)).toBe('none');
  });

  it('a proxy taken offline, slowed down, or rotating its credential fails the next connect', () => {
    const store = xksStore(publicProxy());
    const world = createWorld();
    world.proxy(ENDPOINT).takeOffline();
    expect(outcome(world, store)).toBe('XKS_PROXY_NOT_REACHABLE');
    world.proxy(ENDPOINT).bringOnline().respondAfter(300);
    expect(outcome(world, store)).toBe('XKS_PROXY_TIMED_OUT');
    world.proxy(ENDPOINT).respondAfter(20).acceptOnly({ accessKeyId: 'ZYXWVUTSRQPONMLKJIHG' });
    expect(outcome(world, store)).toBe('INVALID_CREDENTIALS');
    world.proxy(ENDPOINT).update({ credentials: undefined }).denyKms();
    expect(outcome(world, store)).toBe('XKS_PROXY_ACCESS_DENIED');
  });

  it('refuses a bare host name: a proxy is named by its full URI endpoint, as the store names it', () => {
    const world = createWorld();
    expect(() => world.proxy('xks.example.com')).toThrow(
      /must be an XKS proxy URI endpoint such as https:\/\/xks.example.com/,
    );
  });

  it('a VPC endpoint service deleted during the test fails the next connect', () => {
    const world = createWorld();
    const store = xksStore(vpcProxy());
    expect(outcome(world, store)).toBe('CONNECTED');
    world.vpcEndpointService(SERVICE).delete();
    expect(outcome(world, store)).toBe('XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND');
  });

  it('addCluster describes a cluster from scratch, and refuses one already described', () => {
    const world = createWorld();
    world.addCluster({ clusterId: CLUSTER, state: 'UNINITIALIZED' });
    expect(thrownCode(() => world.checkCloudHsmConnect(ctx, hsmStore))).toBe('CloudHsmClusterNotActiveException');
    expect(usageError(() => world.addCluster({ clusterId: CLUSTER }))).toContain('already described');
  });

  it('addCluster may describe a cluster the world only learned a trust anchor for', () => {
    const world = createWorld();
    world.checkCloudHsmCreate(ctx, CLUSTER, ANCHOR, PASSWORD);
    world.addCluster({ clusterId: CLUSTER, trustAnchorCertificate: OTHER_ANCHOR });
    expect(world.cluster(CLUSTER).describe().trustAnchorCertificate).toBe(OTHER_ANCHOR);
  });

  it('refuses malformed changes, naming the call, the field and the problem', () => {
    const world = createWorld();
    const message = usageError(() =>
      world.cluster(CLUSTER).update({ state: 'ACTIV' as 'ACTIVE', kmsUser: { password: 'short' } }),
    );
    expect(message).toContain('fake.world.cluster("cluster-abcdefghijk").update()');
    expect(message).toContain('$.state: a string (5 characters) is not one of');
    expect(message).toContain('(did you mean ACTIVE?)');
    expect(message).toContain('$.kmsUser.password: must be 7 to 32 characters long, but the value has 5');
    expect(message).not.toContain('short');
    expect(usageError(() => world.proxy(ENDPOINT).update({ latencyMs: -1 }))).toContain('$.latencyMs');
    expect(usageError(() => world.cluster('not-a-cluster'))).toContain(
      'must be a cluster id such as cluster-abcdefghijk; got a string (13 characters)',
    );
    expect(usageError(() => world.cluster(CLUSTER).deleteSubnet('subnet-00000000'))).toContain('has no subnet');
  });
});

describe('kmsuser and its password', () => {
  it("learns kmsuser's password from the first store that logs in, then rotates it to one only KMS knows", () => {
    const world = createWorld();
    const first = world.connectOutcome(ctx, cloudHsmStore({ keyStorePassword: 'first-Pswd' }));
    expect(first).toMatchObject({ kind: 'connected', keyStorePassword: expect.any(String) });
    const rotated = first.kind === 'connected' ? first.keyStorePassword : undefined;
    expect(rotated).not.toBe('first-Pswd');
    expect(outcome(world, cloudHsmStore({ keyStorePassword: 'first-Pswd' }))).toBe('INVALID_CREDENTIALS');
    expect(outcome(world, cloudHsmStore({ keyStorePassword: rotated as string }))).toBe('CONNECTED');
  });

  it(`locks kmsuser out at the ${KMSUSER_LOCKOUT_ATTEMPTS}th failed login, as CloudHSM does`, () => {
    const world = createWorld({ clusters: [{ clusterId: CLUSTER, kmsUser: { password: 'real-Pswd-1' } }] });
    const codes = Array.from({ length: KMSUSER_LOCKOUT_ATTEMPTS + 1 }, () => outcome(world));
    expect(codes).toEqual([...Array(KMSUSER_LOCKOUT_ATTEMPTS).fill('INVALID_CREDENTIALS'), 'USER_LOCKED_OUT']);
    expect(world.cluster(CLUSTER).describe().kmsUser).toMatchObject({ lockedOut: true, failedLoginAttempts: 5 });
  });

  it('a successful login clears the failed attempts', () => {
    const world = createWorld({ clusters: [{ clusterId: CLUSTER, kmsUser: { password: PASSWORD } }] });
    outcome(world, cloudHsmStore({ keyStorePassword: 'wrong-Pswd' }));
    expect(world.cluster(CLUSTER).describe().kmsUser.failedLoginAttempts).toBe(1);
    expect(outcome(world)).toBe('CONNECTED');
    expect(world.cluster(CLUSTER).describe().kmsUser.failedLoginAttempts).toBe(0);
  });
});

describe('reset() returns to exactly the seeded world', () => {
  it('drops changes, added entities and learned trust anchors, and restores seeded ones', () => {
    const seed = { clusters: [{ clusterId: CLUSTER, kmsUser: { lockedOut: true } }] };
    const world = createWorld(seed);
    const before = world.snapshot();
    world.cluster(CLUSTER).changeKmsUserPassword(PASSWORD);
    world.checkCloudHsmCreate(ctx, 'cluster-cdefghijklm', ANCHOR, PASSWORD);
    world.proxy(ENDPOINT).takeOffline();
    world.vpcEndpointService(SERVICE).delete();
    world.reset();
    expect(world.snapshot()).toEqual(before);
    expect(outcome(world)).toBe('USER_LOCKED_OUT');
    expect(world.cluster('cluster-cdefghijklm').describe().trustAnchorCertificate).toBeUndefined();
  });

  it('is not affected by changes to the objects it was seeded with', () => {
    const seed = { clusters: [{ clusterId: CLUSTER, state: 'ACTIVE' as const }] };
    const world = createWorld(seed);
    seed.clusters[0] = { clusterId: CLUSTER, state: 'DEGRADED' as 'ACTIVE' };
    world.reset();
    expect(world.cluster(CLUSTER).describe().state).toBe('ACTIVE');
  });
});

describe('snapshot()', () => {
  it('leaves secrets out (spec §8.18)', () => {
    const world = createWorld({
      clusters: [{ clusterId: CLUSTER, kmsUser: { password: 'secret-Pswd-9' } }],
      proxies: [
        {
          uriEndpoint: ENDPOINT,
          credentials: [{ accessKeyId: 'ABCDEFGHIJKLMNOPQRST', secretAccessKey: publicProxy().secretAccessKey }],
        },
      ],
    });
    const text = JSON.stringify(world.snapshot());
    expect(text).not.toContain('secret-Pswd-9');
    expect(text).not.toContain(publicProxy().secretAccessKey);
    expect(text).toContain('ABCDEFGHIJKLMNOPQRST');
  });

  it('seeds a world that answers the same', () => {
    const world = createWorld();
    world.cluster(CLUSTER).update({ state: 'DEGRADED' });
    world.checkCloudHsmCreate(ctx, 'cluster-cdefghijklm', ANCHOR, PASSWORD);
    const copy = createWorld(world.snapshot());
    expect(thrownCode(() => copy.checkCloudHsmConnect(ctx, hsmStore))).toBe('CloudHsmClusterNotActiveException');
    expect(thrownCode(() => copy.checkCloudHsmCreate(ctx, 'cluster-cdefghijklm', OTHER_ANCHOR, PASSWORD))).toBe(
      'IncorrectTrustAnchorException',
    );
  });
});

describe('a world description is validated', () => {
  it('lists every problem with its JSON path', () => {
    const message = usageError(() =>
      createWorld({
        clusters: [
          { clusterId: 'cluster-1' },
          { clusterId: CLUSTER, hsms: [{ availabilityZone: 'mars-1a' }] },
          { clusterId: CLUSTER },
        ],
        proxies: [{ uriEndpoint: 'http://xks.example.com', tls: 'broken' as 'valid' }],
        vpcEndpointServices: [{ serviceName: SERVICE, availabiltyZones: 2 } as never],
      }),
    );
    expect(message).toContain('The world description given to createKmsFake()');
    expect(message).toContain('$.clusters[0].clusterId: must be 19 to 24 characters long, but the value has 9');
    expect(message).toContain('$.clusters[1].hsms[0].availabilityZone: the value does not match');
    expect(message).toContain('$.clusters[2].clusterId: cluster-abcdefghijk is already described at $.clusters[1]');
    expect(message).toContain('$.proxies[0].uriEndpoint');
    expect(message).toContain('$.proxies[0].tls: a string (6 characters) is not one of valid, expired-certificate');
    expect(message).toContain('$.vpcEndpointServices[0].availabiltyZones: is not a known field');
  });

  it("ignores the fake's other options, so createKmsFake can pass them all", () => {
    expect(() => createWorld({ region: 'eu-west-1', account: '111122223333' } as never)).not.toThrow();
  });

  it('accepts the AWS documentation example cluster id cluster-1a23b4cdefg', () => {
    expect(() => createWorld({ clusters: [{ clusterId: 'cluster-1a23b4cdefg' }] })).not.toThrow();
  });
});
