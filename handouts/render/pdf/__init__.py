"""PDF outputs: HTML through WeasyPrint, tagged for screens (PDF/UA-1) or finished for press (PDF/X-4)."""
