import type { Report } from '@shared/api/domains/showday';
import type { Language } from '@shared/i18n/resources';
import { reportPdf } from './report-pdf';
import { reportXlsx } from './report-xlsx';

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);

/** The report as a file the UI downloads (XLSX or PDF); `pdfFont`: a CJK font file instead of the system's. */
export async function exportReport(r: Report, format: 'xlsx' | 'pdf', language: Language, pdfFont?: string) {
  const base = `${safeName(r.title)}-${r.showDate}`;
  if (format === 'xlsx')
    return {
      fileName: `${base}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      contentBase64: (await reportXlsx(r, language)).toString('base64'),
    };
  return {
    fileName: `${base}.pdf`,
    mimeType: 'application/pdf',
    contentBase64: (await reportPdf(r, language, pdfFont)).toString('base64'),
  };
}
