import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import {
  entityRouteParams,
  entityRouteRef,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import AccountCircleIcon from '@material-ui/icons/AccountCircle';
import MenuIcon from '@material-ui/icons/Menu';
import useAsync from 'react-use/esm/useAsync';

function SignedInUserLink({ userEntityRef }: { userEntityRef: string }) {
  const { primaryTitle } = useEntityPresentation(userEntityRef);
  const entityRoute = useRouteRef(entityRouteRef);
  return (
    <SidebarItem
      icon={AccountCircleIcon}
      to={entityRoute(entityRouteParams(userEntityRef))}
      text={primaryTitle}
    />
  );
}

/**
 * Who is signed in (the catalog User's display name), linking to their catalog page:
 * where people who share a screen, or approve each other's changes, see whose
 * session this is.
 */
function SignedInUser() {
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  // Until the identity is known, or if it cannot be read, the sidebar simply has no
  // entry for it: nothing else in the app depends on it.
  return identity.value ? (
    <SignedInUserLink userEntityRef={identity.value.userEntityRef} />
  ) : null;
}

/** The sidebar: one entry per page that declares a title and icon. */
const sidebar = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));
      return (
        <Sidebar>
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            <SidebarScrollWrapper>
              {nav.rest({ sortBy: 'title' })}
            </SidebarScrollWrapper>
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          <SignedInUser />
        </Sidebar>
      );
    },
  },
});

export const navModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sidebar],
});
