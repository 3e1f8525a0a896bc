import { z } from 'zod';

/** The roles an account can hold. The public is the anonymous caller and is not a role. */
export const ROLES = ['admin', 'coordinator', 'reporter', 'unit_leader', 'leader', 'evaluator'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Chinese names of the roles, for the user interface and the console. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  coordinator: '统筹督办人员',
  reporter: '承办联络员',
  unit_leader: '单位负责人',
  leader: '领导',
  evaluator: '考核评价人员',
};
