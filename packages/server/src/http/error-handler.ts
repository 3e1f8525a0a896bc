import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { DomainError, statusOf, type ErrorCode } from '../errors.js';

/** Chinese description of what was wrong with a request, naming the fields. */
export function describeZodError(err: ZodError, where: string): string {
  const parts = err.issues.slice(0, 5).map((i) => {
    const path = i.path.length ? i.path.join('.') : '(整体)';
    return `${path}：${i.message}`;
  });
  return `${where}不符合要求，请检查后重新提交。${parts.join('；')}`;
}

function fromFramework(err: FastifyError): DomainError {
  const code = err.code ?? '';
  let ec: ErrorCode = 'internal';
  let message = '服务器内部出错，您的操作没有完成。请稍后重试；如果一直出错，请联系系统管理员。';
  if (
    code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
    code === 'FST_REQ_FILE_TOO_LARGE' ||
    code === 'FST_FILES_LIMIT'
  ) {
    ec = 'request.too_large';
    message = '上传的内容太大。请压缩或拆分文件后重试。';
  } else if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    ec = 'request.unsupported_media_type';
    message = '不支持这种提交格式。请以 JSON 或表单文件上传的方式提交。';
  } else if ((err.statusCode ?? 500) < 500) {
    ec = 'validation.failed';
    message = `请求格式有误，请检查后重新提交。（${err.message}）`;
  }
  return new DomainError(ec, message);
}

/** SQLSTATEs and socket errors of a database that went away, restarts or refuses connections. */
const CONNECTION_CODES = new Set([
  '57P01', // admin_shutdown: terminating connection due to administrator command
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the database system is starting up / shutting down
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** Messages of node-postgres and its pool when the connection is gone (they carry no code). */
const CONNECTION_MESSAGES =
  /Connection terminated|terminating connection|connect ECONNREFUSED|Client has encountered a connection error|Client was closed and is not queryable|not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|the database system is (starting up|shutting down|in recovery mode)|server closed the connection unexpectedly/;

/**
 * Lost or refused database connections (server restarting, network): worth a retry, not a 500.
 * Looks through drizzle's wrapping (`cause`) and Node's AggregateError (`errors`).
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  return (
    CONNECTION_CODES.has(code) ||
    CONNECTION_MESSAGES.test(message) ||
    (e.cause !== undefined && e.cause !== error && isConnectionError(e.cause, depth + 1)) ||
    (Array.isArray(e.errors) && e.errors.some((x) => isConnectionError(x, depth + 1)))
  );
}

/** The one error handler: typed domain errors → status + `{ code, message }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, req, reply) => {
    let domain: DomainError;
    if (error instanceof DomainError) domain = error;
    else if (isConnectionError(error))
      domain = new DomainError('db.unavailable', '数据库暂时不可用，您的操作没有保存。请稍等片刻后重试。');
    else if (error instanceof ZodError)
      domain = new DomainError('validation.failed', describeZodError(error, '提交的内容'));
    else if (
      error &&
      typeof error === 'object' &&
      'code' in error &&
      typeof (error as FastifyError).code === 'string' &&
      String((error as FastifyError).code).startsWith('FST_')
    )
      domain = fromFramework(error as FastifyError);
    else if (
      error &&
      typeof error === 'object' &&
      (error as FastifyError).statusCode &&
      (error as FastifyError).statusCode! < 500
    )
      domain = fromFramework(error as FastifyError);
    else domain = fromFramework({} as FastifyError);
    const status = statusOf(domain.code);
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    const body: { code: string; message: string; details?: unknown } = {
      code: domain.code,
      message: domain.message,
    };
    if (domain.details !== undefined) body.details = domain.details;
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });
}
