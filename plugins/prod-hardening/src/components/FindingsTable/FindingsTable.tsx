import { ResponseErrorPanel } from '@backstage/core-components';
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import type { Severity } from '@prod-hardening/plugin-prod-hardening-common';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { FindingsRequest } from '../../api';
import { useFindings } from '../../hooks/usePosture';
import { severityColor } from '../../utils/status';
import { FindingDrawer } from '../FindingDrawer';

const SEVERITIES: Severity[] = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'INFORMATIONAL',
];
type SortKey = NonNullable<FindingsRequest['sort']>;

/** The finding whose details are open: `?finding=<id>`, so a notification can link to it. */
export const FINDING_PARAM = 'finding';

/**
 * Open findings from Security Hub (including GuardDuty's), filtered, sorted and paged
 * by the backend so the page stays fast with tens of thousands of findings. A row
 * opens the finding's details.
 */
export function FindingsTable(props: { onRemediated?: () => void }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = searchParams.get(FINDING_PARAM) ?? undefined;
  const setSelected = (id: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (id) next.set(FINDING_PARAM, id);
    else next.delete(FINDING_PARAM);
    setSearchParams(next);
  };
  const [severity, setSeverity] = useState<Severity[]>([]);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('severity');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const { value, loading, error } = useFindings({
    severity,
    search: search.trim() || undefined,
    sort,
    order,
    page,
    pageSize,
  });

  const toggleSeverity = (s: Severity) => {
    setPage(0);
    setSeverity(current =>
      current.includes(s) ? current.filter(x => x !== s) : [...current, s],
    );
  };
  const sortBy = (key: SortKey) => {
    setOrder(sort === key && order === 'asc' ? 'desc' : 'asc');
    setSort(key);
  };

  return (
    <Stack spacing={1}>
      <Stack
        direction="row"
        spacing={1}
        alignItems="center"
        flexWrap="wrap"
        useFlexGap
      >
        {SEVERITIES.map(s => (
          <Chip
            key={s}
            label={`${s} ${value ? value.bySeverity[s] : ''}`.trim()}
            color={severity.includes(s) ? severityColor(s) : 'default'}
            variant={severity.includes(s) ? 'filled' : 'outlined'}
            onClick={() => toggleSeverity(s)}
            aria-pressed={severity.includes(s)}
          />
        ))}
        <TextField
          size="small"
          label="Search title, resource or control"
          value={search}
          inputProps={{ maxLength: 200 }}
          onChange={e => {
            setPage(0);
            setSearch(e.target.value);
          }}
        />
      </Stack>
      {loading && <LinearProgress aria-label="Loading findings" />}
      {error && (
        <ResponseErrorPanel error={error} title="Could not load findings" />
      )}
      {value?.unavailableReason && (
        <Alert severity="warning">{value.unavailableReason}</Alert>
      )}
      <Table size="small" aria-label="Findings">
        <TableHead>
          <TableRow>
            {(
              [
                ['severity', 'Severity'],
                ['title', 'Title'],
                ['product', 'Product'],
              ] as Array<[SortKey, string]>
            ).map(([key, label]) => (
              <TableCell key={key}>
                <TableSortLabel
                  active={sort === key}
                  direction={sort === key ? order : 'asc'}
                  onClick={() => sortBy(key)}
                >
                  {label}
                </TableSortLabel>
              </TableCell>
            ))}
            <TableCell>Control</TableCell>
            <TableCell>Resource</TableCell>
            <TableCell>
              <TableSortLabel
                active={sort === 'lastSeen'}
                direction={sort === 'lastSeen' ? order : 'desc'}
                onClick={() => sortBy('lastSeen')}
              >
                Last seen
              </TableSortLabel>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value?.items.map(f => (
            <TableRow
              key={f.id}
              hover
              tabIndex={0}
              aria-label={`Details of ${f.title}`}
              sx={{ cursor: 'pointer' }}
              onClick={() => setSelected(f.id)}
              onKeyDown={e => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  setSelected(f.id);
                }
              }}
            >
              <TableCell>
                <Chip
                  size="small"
                  label={f.severity}
                  color={severityColor(f.severity)}
                />
              </TableCell>
              <TableCell>{f.title}</TableCell>
              <TableCell>{f.product}</TableCell>
              <TableCell>{f.controlId ?? '—'}</TableCell>
              <TableCell sx={{ wordBreak: 'break-all' }}>
                {f.resourceId}
              </TableCell>
              <TableCell>
                {f.lastSeen ? new Date(f.lastSeen).toLocaleDateString() : '—'}
              </TableCell>
            </TableRow>
          ))}
          {value && value.items.length === 0 && (
            <TableRow>
              <TableCell colSpan={6}>
                No open findings match these filters.
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <TablePagination
        component="div"
        count={value?.total ?? 0}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={[25, 50, 100]}
        onPageChange={(_e, p) => setPage(p)}
        onRowsPerPageChange={e => {
          setPageSize(Number(e.target.value));
          setPage(0);
        }}
      />
      {selected && (
        <FindingDrawer
          findingId={selected}
          onClose={() => setSelected(undefined)}
          onRemediated={() => props.onRemediated?.()}
        />
      )}
    </Stack>
  );
}
