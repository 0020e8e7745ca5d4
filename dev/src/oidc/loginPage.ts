/** A person the stub issuer can sign in: a catalog User with an email. */
export interface OidcUser {
  /** The catalog User's name; also the token's subject. */
  name: string;
  email: string;
  /** The User's spec.profile.displayName, shown on the login page and as `name`. */
  displayName?: string;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The issuer's login page: one button per user, named by the user's catalog name
 * (what a test clicks), with the display name and email beside it. Choosing one posts
 * the pending request's id back; no password, it is a local stand-in for the
 * company's identity provider.
 */
export function renderLoginPage(
  requestId: string,
  clientId: string,
  users: readonly OidcUser[],
): string {
  const rows = users
    .map(
      user => `
      <li>
        <button type="submit" name="user" value="${escapeHtml(user.name)}"
          aria-describedby="user-${escapeHtml(user.name)}">${escapeHtml(
        user.name,
      )}</button>
        <span id="user-${escapeHtml(user.name)}">${escapeHtml(
        user.displayName ?? user.name,
      )} &lt;${escapeHtml(user.email)}&gt;</span>
      </li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in - local identity provider</title></head>
<body>
  <main>
    <h1>Sign in to ${escapeHtml(clientId)}</h1>
    <p>Local identity provider: choose who you are.</p>
    <form method="post" action="/auth/login">
      <input type="hidden" name="request" value="${escapeHtml(requestId)}">
      <ul>${rows || '<li>No users are configured.</li>'}</ul>
    </form>
  </main>
</body>
</html>`;
}

/** A page for a request the issuer refuses without redirecting (RFC 6749 §4.1.2.1). */
export function renderErrorPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in error - local identity provider</title></head>
<body><main><h1>Sign-in error</h1><p role="alert">${escapeHtml(
    message,
  )}</p></main></body>
</html>`;
}
