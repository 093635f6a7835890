// libqrencode from Debian (libqrencode-dev): the QR codes of connect links.
#include <qrencode.h>
