<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed of this site as a readable page when a browser opens it, instead of raw XML.
     Feed readers ignore it. Every text comes from the feed, which feedgen has escaped; nothing is
     loaded from another site and no script runs. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> (feed)</title>
        <style>
          :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; line-height: 1.5; }
          body { max-width: 46rem; margin: 0 auto; padding: 1rem; }
          .about { padding: .75rem 1rem; border-left: 4px solid #607d8b; background: rgba(96, 125, 139, .12); }
          li { margin: 0 0 1rem; }
          time { color: GrayText; font-size: .9em; }
          a { color: LinkText; }
        </style>
      </head>
      <body>
        <h1><xsl:value-of select="atom:title"/></h1>
        <p class="about">This is a feed of new and corrected claims. To follow it, copy this page's address into a feed reader. <xsl:value-of select="atom:subtitle"/>
          <xsl:if test="atom:link[@rel='alternate']"> <a href="{atom:link[@rel='alternate']/@href}">Back to the site</a>.</xsl:if></p>
        <xsl:choose>
          <xsl:when test="atom:entry">
            <ol>
              <xsl:for-each select="atom:entry">
                <li>
                  <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a><br/>
                  <time datetime="{atom:updated}">Updated <xsl:value-of select="substring(atom:updated, 1, 10)"/></time>
                  <p><xsl:value-of select="atom:summary"/></p>
                </li>
              </xsl:for-each>
            </ol>
          </xsl:when>
          <xsl:otherwise><p>No entries yet.</p></xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
