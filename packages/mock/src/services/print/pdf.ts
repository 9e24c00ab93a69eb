export interface PdfSection {
  heading: string;
  /** Label and value, one line each (long values wrap). */
  rows: [string, string][];
}

export interface PdfContent {
  title: string;
  /** Stamped as the document's creation date, so the same object prints the same bytes. */
  createdAt: string;
  sections: PdfSection[];
}

const MARGIN = 48;
const LINE = 14;

/**
 * A plain A4 PDF: a title, then headed sections of label/value lines.
 * jsPDF runs in browsers and in Node alike, as the mock does. It is loaded
 * on the first print: most mocks never print, and loading it slows every start.
 */
export async function printPdf(content: PdfContent): Promise<Uint8Array<ArrayBuffer>> {
  const { jsPDF } = await import('jspdf');
  // Uncompressed: the text stays readable in the file, for a test or a curious reader.
  const doc = new jsPDF({ unit: 'pt', format: 'a4', compress: false });
  doc.setCreationDate(new Date(content.createdAt));
  doc.setDocumentProperties({ title: content.title, creator: 'persona-kit mock' });
  const bottom = doc.internal.pageSize.getHeight() - MARGIN;
  const width = doc.internal.pageSize.getWidth() - 2 * MARGIN;
  let y = MARGIN;
  const room = (lines: number) => {
    if (y + lines * LINE <= bottom) return;
    doc.addPage();
    y = MARGIN;
  };
  doc.setFont('helvetica', 'bold');
  doc.setFontSize(16);
  doc.text(content.title, MARGIN, y);
  y += 2 * LINE;
  for (const section of content.sections) {
    room(2);
    doc.setFont('helvetica', 'bold');
    doc.setFontSize(12);
    doc.text(section.heading, MARGIN, y);
    y += LINE * 1.4;
    doc.setFontSize(9);
    for (const [label, value] of section.rows) {
      const lines = doc.splitTextToSize(`${label}: ${value}`, width) as string[];
      room(lines.length);
      doc.setFont('helvetica', 'normal');
      doc.text(lines, MARGIN, y);
      y += lines.length * LINE;
    }
    y += LINE / 2;
  }
  return new Uint8Array(doc.output('arraybuffer'));
}
