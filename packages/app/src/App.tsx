import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import prodHardeningPlugin from '@prod-hardening/plugin-prod-hardening/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    // The software catalog with its entity pages, the org pages (groups and
    // users) and search: the developer portal the prod-hardening views live in.
    catalogPlugin,
    orgPlugin,
    searchPlugin,
    // What the portal tells the owners (findings, budget, limiter, remediations),
    // live through signals.
    notificationsPlugin,
    signalsPlugin,
    prodHardeningPlugin,
    navModule,
    signInModule,
  ],
});
