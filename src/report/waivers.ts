/**
 * The waivers that need attention (report.waivers), as the text and
 * markdown formats list them: one group per non-empty list, in the order
 * expired, expiring, unused, each in the order the report gives.
 */
import type { Report, Waiver } from '../engine';
import type { MessageId, Translator } from '../i18n';

export interface WaiverGroup {
  list: keyof Report['waivers'];
  /** The group's heading, a whole message ("Expired waivers (cover nothing):"). */
  heading: MessageId;
  waivers: readonly Waiver[];
}

const HEADINGS: Record<keyof Report['waivers'], MessageId> = {
  expired: 'waivers.expired',
  expiring: 'waivers.expiring',
  unused: 'waivers.unused',
};

/** The non-empty lists; none when no waiver needs attention. A waiver both expiring and unused is in both. */
export function waiverGroups(report: Report): WaiverGroup[] {
  return (['expired', 'expiring', 'unused'] as const)
    .map((list) => ({ list, heading: HEADINGS[list], waivers: report.waivers[list] }))
    .filter((group) => group.waivers.length > 0);
}

/** A waiver's branch as a reader should see it: `*` is every branch. */
export function waiverBranch(waiver: Waiver, translator: Translator): string {
  return waiver.branch === '*' ? translator.t('waivers.everyBranch') : waiver.branch;
}
