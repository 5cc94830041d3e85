/**
 * What Chromium's PDF lacks to identify itself as PDF/UA: an XMP metadata stream with the title,
 * the language and the PDF/UA-1 identifier, and the viewer told to show the title rather than
 * the file name. Added to the printed bytes; the tags, outline and links Chromium wrote are kept.
 */
import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { escapeHtml } from '../domain/text.js';

export async function identifyPdf(pdf: Uint8Array, meta: { title: string; language: string; tool: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const title = escapeHtml(meta.title);
  const xmp = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title>
   <dc:language><rdf:Bag><rdf:li>${escapeHtml(meta.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>${escapeHtml(meta.tool)}, printed by Chromium</pdf:Producer>
   <xmp:CreatorTool>${escapeHtml(meta.tool)}</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
  doc.catalog.set(PDFName.of('ViewerPreferences'), doc.context.obj({ DisplayDocTitle: true }));
  if (!doc.catalog.get(PDFName.of('Lang'))) doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.language));
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
