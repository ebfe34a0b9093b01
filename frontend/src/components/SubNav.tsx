import { NavLink } from "react-router";

export interface SubNavItem {
  to: string;
  label: string;
  /** Current only on this exact path (the tab's index). */
  end?: boolean;
}

/** Sub-tabs of a tab (e.g. Cadastre ▸ Réservation de lot); the current one has aria-current. */
export function SubNav({ label, items, variant }: { label: string; items: readonly SubNavItem[]; variant?: string }) {
  return (
    <nav aria-label={label} className={variant ? `subnav subnav--${variant}` : "subnav"}>
      <ul className="subnav__list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className="subnav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
