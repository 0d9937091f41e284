/**
 * Who may do what. Each role includes everything the roles below it may do:
 * viewer reads the dashboards; editor also works the review queue, kills and routing rules;
 * admin also changes feeds, users and settings.
 */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
