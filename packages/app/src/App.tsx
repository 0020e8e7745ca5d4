import { createApp } from '@backstage/frontend-defaults';
import prodHardeningPlugin from '@prod-hardening/plugin-prod-hardening/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [prodHardeningPlugin, navModule, signInModule],
});
