import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import Box from '@mui/material/Box';
import { SourceStatusBanner } from '../SourceStatusBanner';
import { PostureTab } from '../PostureTab';
import { FinOpsTab } from '../FinOpsTab';
import { ThrottlingTab } from '../ThrottlingTab';
import { WeeklyReviewTab } from '../WeeklyReviewTab';
import { SuccessMetricsTab } from '../SuccessMetricsTab';
import { RunbookDrawer } from '../Runbooks';
import { ApprovalsTab } from '../ApprovalsTab';

/** The portal page: source status on top, one tab per pillar of the hardening plan. */
export function ProdHardeningPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Production hardening"
        subtitle="Security posture, FinOps and message throttling of the AWS production account"
      />
      <Content>
        <Box mb={2}>
          <SourceStatusBanner />
        </Box>
        <TabbedLayout>
          <TabbedLayout.Route path="/posture" title="Posture">
            <PostureTab />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/approvals" title="Approvals">
            <ApprovalsTab />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/finops" title="FinOps">
            <FinOpsTab />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/throttling" title="Throttling">
            <ThrottlingTab />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/weekly-review" title="Weekly review">
            <WeeklyReviewTab />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/success-metrics" title="Success metrics">
            <SuccessMetricsTab />
          </TabbedLayout.Route>
        </TabbedLayout>
        <RunbookDrawer />
      </Content>
    </Page>
  );
}
