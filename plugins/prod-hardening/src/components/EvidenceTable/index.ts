export { EvidenceTable } from './EvidenceTable';
