import { hideInternals } from '../../usage/redacted-view.js';
import type { EntityTable } from '../entity-table.js';
import { type ResolvedVpcEndpointService, resolveVpcEndpointService } from '../resolve-proxy.js';
import { VPC_ENDPOINT_SERVICE_SHAPE } from '../spec/validate-world-spec.js';
import type { VpcEndpointServiceSpec } from '../spec/vpc-endpoint-service-spec.js';
import { assignChanges, checkChanges } from './apply-changes.js';

export type VpcEndpointServiceChanges = Partial<Omit<VpcEndpointServiceSpec, 'serviceName'>>;

/**
 * A live view of one Amazon VPC endpoint service in `fake.world`, found by its service name.
 *
 * @example
 * fake.world.vpcEndpointService('com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0')
 *   .update({ privateDnsVerified: false });
 */
export class VpcEndpointServiceHandle {
  constructor(
    readonly serviceName: string,
    private readonly table: EntityTable<VpcEndpointServiceSpec>,
  ) {
    hideInternals(this, ['table']);
  }

  /** The service as the world sees it now, every default filled in. */
  describe(): ResolvedVpcEndpointService {
    return resolveVpcEndpointService(this.table.get(this.serviceName) ?? { serviceName: this.serviceName });
  }

  /** Change any of the service's properties; `undefined` puts one back to its default. */
  update(changes: VpcEndpointServiceChanges): this {
    checkChanges(
      changes,
      VPC_ENDPOINT_SERVICE_SHAPE,
      'serviceName',
      `fake.world.vpcEndpointService("${this.serviceName}").update()`,
    );
    assignChanges(
      this.table.ensure(this.serviceName, () => ({ serviceName: this.serviceName }), 'test'),
      changes,
    );
    return this;
  }

  /** Delete the service: KMS can no longer find it. */
  delete(): this {
    return this.update({ exists: false });
  }
}
