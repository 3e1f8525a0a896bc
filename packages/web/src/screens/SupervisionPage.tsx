import { PageTitle } from '../components/PageTitle';
import { t } from '../i18n/zh-CN';

export default function SupervisionPage() {
  return <PageTitle title={t.app.name} />;
}
