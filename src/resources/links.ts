// Paths of this API's resources and addresses of the same entities in other public registries.
export const api = {
  commune: (code: string) => `/v1/communes/${code}`,
  communes: (codes: string[]) => `/v1/communes?code=${codes.join(',')}`,
  intercommunality: (siren: string) => `/v1/intercommunalities/${siren}`,
  convention: (id: string) => `/v1/conventions/${id}`,
  measure: (id: string) => `/v1/measures/${id}`,
  fundingLink: (id: string) => `/v1/funding-links/${id}`,
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
