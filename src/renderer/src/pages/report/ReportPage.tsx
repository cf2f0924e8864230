import { PlaceholderPage } from '../PlaceholderPage';

export function ReportPage() {
  return <PlaceholderPage page="report" />;
}
