import { t } from '../i18n/zh-CN';

export interface NavItem {
  key: string;
  path: string;
  label: string;
  /** Roles that use this screen; undefined means everyone signed in. */
  roles?: string[];
}

const COORD = ['coordinator', 'admin'];

export const NAV: NavItem[] = [
  { key: 'workbench', path: '/', label: t.nav.workbench },
  { key: 'import', path: '/import', label: t.nav.import, roles: COORD },
  { key: 'plans', path: '/plans', label: t.nav.plans },
  { key: 'todo', path: '/todo', label: t.nav.unitTodo, roles: ['reporter', 'unit_leader', 'unit-leader', 'consolidator'] },
  { key: 'supervision', path: '/supervision', label: t.nav.supervision, roles: [...COORD, 'leader'] },
  { key: 'indicators', path: '/indicators', label: t.nav.indicators },
  { key: 'map', path: '/map', label: t.nav.map },
  { key: 'admin', path: '/admin', label: t.nav.admin, roles: COORD },
  { key: 'public', path: '/public', label: t.nav.public },
];

/** The navigation a user sees: screens for their roles (unknown roles see the shared screens). */
export function navFor(roles: string[]): NavItem[] {
  return NAV.filter((n) => !n.roles || n.roles.some((r) => roles.includes(r)));
}

/** Which nav key a location belongs to. */
export function navKeyFor(pathname: string): string {
  if (pathname === '/' || pathname === '') return 'workbench';
  if (pathname.startsWith('/tasks')) return 'plans';
  if (pathname.startsWith('/reports')) return 'todo';
  const hit = NAV.filter((n) => n.path !== '/' && pathname.startsWith(n.path)).sort((a, b) => b.path.length - a.path.length)[0];
  return hit?.key ?? 'workbench';
}
