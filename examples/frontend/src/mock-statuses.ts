import type { ControlPlaneClient } from '@persona-kit/client/control-plane';

/**
 * The statuses an account action accepts, as the mock's seed configures it.
 * Persona's account type does not list its actions or their parameters, so a
 * page on a sandbox is given the statuses its dashboard configures instead;
 * the mock tells its own on the control plane.
 */
export async function mockStatusChoices(
  controlPlane: ControlPlaneClient,
  actionId: string,
): Promise<string[]> {
  const { data, error } = await controlPlane.GET('/__mock/seed');
  if (error || !data) throw new Error('the mock did not answer its seed');
  const action = (data.accountTypes ?? [])
    .flatMap((type) => type.actions ?? [])
    .find((a) => a.id === actionId);
  const allowed = action?.parameters?.find((p) => p.key === 'status')?.allowedValues;
  return (allowed ?? []).map(String);
}
