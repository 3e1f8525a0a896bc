import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { t } from '../i18n/zh-CN';

/** An API error shown where the user acted, in Chinese, with a retry when one makes sense. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t.errors.unknown;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? t.errors.title}
      description={message}
      style={{ marginBottom: 16 }}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t.errors.retry}
          </Button>
        ) : undefined
      }
    />
  );
}
