import { PlaceholderPage } from '../PlaceholderPage';

export function OverlaysPage() {
  return <PlaceholderPage page="overlays" />;
}
