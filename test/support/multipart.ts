/** A minimal multipart/form-data reader, lenient enough for grammY's unquoted file names. */

export type FormFile = { field: string; filename: string; contentType: string; size: number }
export type MultipartForm = { fields: Record<string, string>; files: FormFile[] }

function headerParam(headers: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="?([^";\\r\\n]*)"?`, 'i').exec(headers)
  return match?.[1]
}

export function parseMultipart(body: Buffer, contentType: string): MultipartForm {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (!boundary) throw new Error('multipart body without a boundary')
  const delimiter = Buffer.from(`--${boundary}`)
  const form: MultipartForm = { fields: {}, files: [] }
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const partStart = start + delimiter.length
    if (body.subarray(partStart, partStart + 2).toString() === '--') break
    const end = body.indexOf(delimiter, partStart)
    if (end === -1) break
    const part = body.subarray(partStart, end)
    const headerEnd = part.indexOf('\r\n\r\n')
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8')
      // The part ends with the CRLF that precedes the next delimiter.
      const content = part.subarray(headerEnd + 4, part.length - 2)
      const field = headerParam(headers, 'name') ?? ''
      const filename = headerParam(headers, 'filename')
      if (filename === undefined) {
        form.fields[field] = content.toString('utf8')
      } else {
        const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]
        form.files.push({
          field,
          filename,
          contentType: type ?? 'application/octet-stream',
          size: content.length,
        })
      }
    }
    start = end
  }
  return form
}
