/** The multipart body of a DM upload (prévalidation or dépôt): one part named "file". */
export function dmUpload(file: File): FormData {
  const form = new FormData();
  form.append("file", file, file.name);
  return form;
}

/** Rule R1 as the client can check it before sending: a .xml file of 5 Mo at most. */
export const maxDmBytes = 5 * 1024 * 1024;
