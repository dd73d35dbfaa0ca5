// Paths of this API's resources and addresses of the same entities in other public registries.

/** The prefix every resource of this version of the API is served under. */
export const apiPrefix = '/v1';

/** The path of a collection (by its declared name) or of one of its items. */
export const collectionPath = (name: string, id?: string) => `${apiPrefix}/${name}${id === undefined ? '' : `/${id}`}`;

export const api = {
  commune: (code: string) => collectionPath('communes', code),
  communes: (codes: string[]) => `${collectionPath('communes')}?code=${codes.join(',')}`,
  intercommunality: (siren: string) => collectionPath('intercommunalities', siren),
  convention: (id: string) => collectionPath('conventions', id),
  measure: (id: string) => collectionPath('measures', id),
  fundingLink: (id: string) => collectionPath('funding-links', id),
};

/** Paths of the web pages (in French, for people) that present the same entities. */
export const pages = {
  commune: (code: string) => `/communes/${code}`,
  intercommunality: (siren: string) => `/intercommunalites/${siren}`,
};

export const registries = {
  geoCommune: (code: string) => `https://geo.api.gouv.fr/communes/${code}`,
  geoEpci: (siren: string) => `https://geo.api.gouv.fr/epcis/${siren}`,
  annuaireEntreprises: (siren: string) => `https://annuaire-entreprises.data.gouv.fr/entreprise/${siren}`,
};
