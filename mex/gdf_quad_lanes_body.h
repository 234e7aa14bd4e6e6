/* gdf_quad_lanes_body.h - the lane kernel of gdf_quad_lanes.c, included once
 * per instruction set (QL_ATTR: the target attribute, QL_SUFFIX: the name).
 * XI, YI: d rows of one lane vector each (row i of the GDF_QL_W columns).
 * Every operation is symv_plain's (gdf_kernels.c) and quad_fg_own's
 * (gdf_problems.c) on a vector of lanes instead of a scalar, in the same
 * order, so that each lane has the bits of the single evaluation.
 *
 * This file is part of gdflow.  SPDX-License-Identifier: GPL-3.0-or-later */
#define QL_CAT2(a, b) a##b
#define QL_CAT(a, b) QL_CAT2(a, b)
#define QL_FN QL_CAT(ql_block_, QL_SUFFIX)

static QL_ATTR void QL_FN(const gdf_quad *q, const ql_vd *XI, ql_vd *YI, double *f, double *g2)
{
    const ptrdiff_t d = q->d, r = d % 4, d4 = d - d % 4;
    const double *A = q->A, *b = q->b ? q->b : ql_zeros; /* no b: x - 0 and x*(g - 0) are x and x*g */
    const ql_vd z = {0.0};
    ql_vd s0 = z, s1 = z, s2 = z, s3 = z, s, ss = z;
    ptrdiff_t i, j, l, k;
    for (i = 0; i < d; i++)
        YI[i] = z;
    for (j = 0; j < r; j++) { /* the head columns */
        const double *a = A + j * d;
        const ql_vd xj = XI[j];
        ql_vd q0 = z, q1 = z, q2 = z, q3 = z, t, sh;
        for (i = r; i < d; i += 4) {
            YI[i] += a[i] * xj;
            q0 += a[i] * XI[i];
            YI[i + 1] += a[i + 1] * xj;
            q1 += a[i + 1] * XI[i + 1];
            YI[i + 2] += a[i + 2] * xj;
            q2 += a[i + 2] * XI[i + 2];
            YI[i + 3] += a[i + 3] * xj;
            q3 += a[i + 3] * XI[i + 3];
        }
        t = (q0 + q1) + (q2 + q3);
        sh = a[j] * xj; /* head_col */
        for (i = j + 1; i < r; i++) {
            YI[i] += a[i] * xj;
            sh += a[i] * XI[i];
        }
        YI[j] += sh + t;
    }
    for (j = r; j < d; j += 4) { /* groups of four columns */
        const double *a0 = A + j * d, *a1 = a0 + d, *a2 = a1 + d, *a3 = a2 + d;
        const double *ac[4];
        const ql_vd x0 = XI[j], x1 = XI[j + 1], x2 = XI[j + 2], x3 = XI[j + 3];
        ql_vd qq[4][4];
        ac[0] = a0;
        ac[1] = a1;
        ac[2] = a2;
        ac[3] = a3;
        for (l = 0; l < 4; l++) { /* the diagonal block */
            const ql_vd xi = XI[j + l];
            double bb[4], cc[4];
            for (k = 0; k < 4; k++) {
                bb[k] = l >= k ? ac[k][j + l] : 0.0;
                cc[k] = l > k ? ac[k][j + l] : 0.0;
                qq[k][l] = bb[k] * xi;
            }
            YI[j + l] += (cc[0] * x0 + cc[1] * x1) + (cc[2] * x2 + cc[3] * x3);
        }
        {   /* the rows below, four at a time; the sixteen accumulators
             * named, so that they stay in registers */
            ql_vd q00 = qq[0][0], q01 = qq[0][1], q02 = qq[0][2], q03 = qq[0][3];
            ql_vd q10 = qq[1][0], q11 = qq[1][1], q12 = qq[1][2], q13 = qq[1][3];
            ql_vd q20 = qq[2][0], q21 = qq[2][1], q22 = qq[2][2], q23 = qq[2][3];
            ql_vd q30 = qq[3][0], q31 = qq[3][1], q32 = qq[3][2], q33 = qq[3][3];
            for (i = j + 4; i < d; i += 4) {
#define QL_ROW(mm, qa, qb, qc, qd)                                                                 \
    do {                                                                                           \
        const ql_vd xi = XI[mm];                                                                   \
        YI[mm] += (a0[mm] * x0 + a1[mm] * x1) + (a2[mm] * x2 + a3[mm] * x3);                       \
        qa += a0[mm] * xi;                                                                         \
        qb += a1[mm] * xi;                                                                         \
        qc += a2[mm] * xi;                                                                         \
        qd += a3[mm] * xi;                                                                         \
    } while (0)
                QL_ROW(i, q00, q10, q20, q30);
                QL_ROW(i + 1, q01, q11, q21, q31);
                QL_ROW(i + 2, q02, q12, q22, q32);
                QL_ROW(i + 3, q03, q13, q23, q33);
#undef QL_ROW
            }
            YI[j] += (q00 + q01) + (q02 + q03);
            YI[j + 1] += (q10 + q11) + (q12 + q13);
            YI[j + 2] += (q20 + q21) + (q22 + q23);
            YI[j + 3] += (q30 + q31) + (q32 + q33);
        }
    }
    /* g = A x - b and f = 1/2 x'(g - b) + c (quad_fg_own's chains) */
    for (j = 0; j < d4; j += 4) {
        const ql_vd g0 = YI[j] - b[j], gg1 = YI[j + 1] - b[j + 1];
        const ql_vd gg2 = YI[j + 2] - b[j + 2], gg3 = YI[j + 3] - b[j + 3];
        YI[j] = g0;
        YI[j + 1] = gg1;
        YI[j + 2] = gg2;
        YI[j + 3] = gg3;
        s0 += XI[j] * (g0 - b[j]);
        s1 += XI[j + 1] * (gg1 - b[j + 1]);
        s2 += XI[j + 2] * (gg2 - b[j + 2]);
        s3 += XI[j + 3] * (gg3 - b[j + 3]);
        ss += (g0 * g0 + gg1 * gg1) + (gg2 * gg2 + gg3 * gg3);
    }
    s = (s0 + s2) + (s1 + s3);
    for (; j < d; j++) {
        YI[j] -= b[j];
        s += XI[j] * (YI[j] - b[j]);
        ss += YI[j] * YI[j];
    }
    s = 0.5 * s + q->c;
    for (l = 0; l < GDF_QL_W; l++) {
        f[l] = s[l];
        g2[l] = ss[l];
    }
}

#undef QL_FN
#undef QL_CAT
#undef QL_CAT2
