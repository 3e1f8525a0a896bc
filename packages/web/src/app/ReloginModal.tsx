import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { t } from '../i18n/zh-CN';
import { useSession } from './session';

/** After a 401 mid-work: sign in again over the page, so nothing typed on it is lost. */
export default function ReloginModal() {
  const { expired, login, session } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open={expired} title={t.login.reloginTitle} footer={null} closable={false} mask={{ closable: false }}>
      <Alert type="warning" showIcon title={t.login.sessionExpired} style={{ marginBottom: 16 }} />
      <Form
        layout="vertical"
        initialValues={{ username: session.user?.username }}
        onFinish={(v: { username: string; password: string }) => void (async () => {
          setBusy(true);
          setError(null);
          try {
            await login(v.username, v.password);
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setBusy(false);
          }
        })()}
      >
        <Form.Item name="username" label={t.login.username} rules={[{ required: true, message: t.login.usernameRequired }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t.login.password} rules={[{ required: true, message: t.login.passwordRequired }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t.login.submit}
        </Button>
      </Form>
    </Modal>
  );
}
