/** Links to Okta's API reference for an operation. */
export type DocsApi = 'governance.api' | 'governance.requests.admin.v1' | 'governance.requests.admin.v2' | 'governance.requests.enduser.v2' | 'management';

export function docsLink(api: DocsApi, tag: string, operationId: string): string {
  if (api === 'management') {
    return `https://developer.okta.com/docs/api/openapi/okta-management/management/tag/${tag}/#tag/${tag}/operation/${operationId}`;
  }
  return `https://developer.okta.com/docs/api/iga/openapi/${api}/tag/${tag}/#tag/${tag}/operation/${operationId}`;
}
