import type { Permission, User } from '../api/types.js';

/**
 * Whether the user's role may take an action, as the server's permission table says (sent with
 * the session): a button the role may not use is not shown, rather than answered with a 403.
 */
export function can(user: Pick<User, 'permissions'>, action: Permission): boolean {
  return user.permissions?.includes(action) ?? false;
}
