import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';

export default function AdminPage() {
  return <PageTitle title={t.app.name} />;
}
